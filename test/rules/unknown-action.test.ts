import cases from './cases/unknown-action';
import { ruleTester } from './rule-tester';

ruleTester('unknown-action', cases);
