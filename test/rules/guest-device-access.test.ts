import cases from './cases/guest-device-access';
import { ruleTester } from './rule-tester';

ruleTester('guest-device-access', cases);
