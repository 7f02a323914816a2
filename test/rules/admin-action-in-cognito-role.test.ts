import cases from './cases/admin-action-in-cognito-role';
import { ruleTester } from './rule-tester';

ruleTester('admin-action-in-cognito-role', cases);
