import cases from './cases/unknown-variable';
import { ruleTester } from './rule-tester';

ruleTester('unknown-variable', cases);
