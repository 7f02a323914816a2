import cases from './cases/unknown-condition-operator';
import { ruleTester } from './rule-tester';

ruleTester('unknown-condition-operator', cases);
