import cases from './cases/variable-unavailable-for-cognito';
import { ruleTester } from './rule-tester';

ruleTester('variable-unavailable-for-cognito', cases);
