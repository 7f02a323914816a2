import cases from './cases/resource-type-mismatch';
import { ruleTester } from './rule-tester';

ruleTester('resource-type-mismatch', cases);
