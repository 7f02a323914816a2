import cases from './cases/reading-dependent-statement';
import { ruleTester } from './rule-tester';

ruleTester('reading-dependent-statement', cases);
