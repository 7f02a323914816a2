import cases from './cases/action-without-effect-in-iot-policy';
import { ruleTester } from './rule-tester';

ruleTester('action-without-effect-in-iot-policy', cases);
