import cases from './cases/policy-version';
import { ruleTester } from './rule-tester';

ruleTester('policy-version', cases);
