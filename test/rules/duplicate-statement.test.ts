import cases from './cases/duplicate-statement';
import { ruleTester } from './rule-tester';

ruleTester('duplicate-statement', cases);
