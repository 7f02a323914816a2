import cases from './cases/subscribe-without-receive';
import { ruleTester } from './rule-tester';

ruleTester('subscribe-without-receive', cases);
