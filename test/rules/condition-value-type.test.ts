import cases from './cases/condition-value-type';
import { ruleTester } from './rule-tester';

ruleTester('condition-value-type', cases);
