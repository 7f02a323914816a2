import cases from './cases/principal-in-identity-policy';
import { ruleTester } from './rule-tester';

ruleTester('principal-in-identity-policy', cases);
