import cases from './cases/receive-without-subscribe';
import { ruleTester } from './rule-tester';

ruleTester('receive-without-subscribe', cases);
