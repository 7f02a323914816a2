import cases from './cases/mqtt-wildcard-in-deny';
import { ruleTester } from './rule-tester';

ruleTester('mqtt-wildcard-in-deny', cases);
