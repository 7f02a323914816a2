import cases from './cases/inconsistent-region-account';
import { ruleTester } from './rule-tester';

ruleTester('inconsistent-region-account', cases);
