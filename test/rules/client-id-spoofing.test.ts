import cases from './cases/client-id-spoofing';
import { ruleTester } from './rule-tester';

ruleTester('client-id-spoofing', cases);
