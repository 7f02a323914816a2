import cases from './cases/cross-identity-read';
import { ruleTester } from './rule-tester';

ruleTester('cross-identity-read', cases);
