import cases from './cases/service-wildcard-action';
import { ruleTester } from './rule-tester';

ruleTester('service-wildcard-action', cases);
