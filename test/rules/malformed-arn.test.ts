import cases from './cases/malformed-arn';
import { ruleTester } from './rule-tester';

ruleTester('malformed-arn', cases);
