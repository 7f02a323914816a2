import cases from './cases/empty-statement';
import { ruleTester } from './rule-tester';

ruleTester('empty-statement', cases);
