import cases from './cases/invalid-effect';
import { ruleTester } from './rule-tester';

ruleTester('invalid-effect', cases);
