import cases from './cases/invalid-structure';
import { ruleTester } from './rule-tester';

ruleTester('invalid-structure', cases);
