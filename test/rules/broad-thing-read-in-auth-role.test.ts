import cases from './cases/broad-thing-read-in-auth-role';
import { ruleTester } from './rule-tester';

ruleTester('broad-thing-read-in-auth-role', cases);
