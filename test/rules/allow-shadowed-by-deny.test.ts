import cases from './cases/allow-shadowed-by-deny';
import { ruleTester } from './rule-tester';

ruleTester('allow-shadowed-by-deny', cases);
