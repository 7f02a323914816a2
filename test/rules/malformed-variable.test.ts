import cases from './cases/malformed-variable';
import { ruleTester } from './rule-tester';

ruleTester('malformed-variable', cases);
