import cases from './cases/broad-data-plane-access';
import { ruleTester } from './rule-tester';

ruleTester('broad-data-plane-access', cases);
