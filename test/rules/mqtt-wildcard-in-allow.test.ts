import cases from './cases/mqtt-wildcard-in-allow';
import { ruleTester } from './rule-tester';

ruleTester('mqtt-wildcard-in-allow', cases);
