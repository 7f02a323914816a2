import cases from './cases/invalid-json';
import { ruleTester } from './rule-tester';

ruleTester('invalid-json', cases);
