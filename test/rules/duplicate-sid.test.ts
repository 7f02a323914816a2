import cases from './cases/duplicate-sid';
import { ruleTester } from './rule-tester';

ruleTester('duplicate-sid', cases);
