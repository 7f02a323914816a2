import cases from './cases/constant-condition';
import { ruleTester } from './rule-tester';

ruleTester('constant-condition', cases);
