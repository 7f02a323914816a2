import cases from './cases/deny-bypassed-by-wildcard-filter';
import { ruleTester } from './rule-tester';

ruleTester('deny-bypassed-by-wildcard-filter', cases);
