import cases from './cases/wildcard-without-like-operator';
import { ruleTester } from './rule-tester';

ruleTester('wildcard-without-like-operator', cases);
