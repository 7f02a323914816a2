import cases from './cases/policy-size';
import { ruleTester } from './rule-tester';

ruleTester('policy-size', cases);
