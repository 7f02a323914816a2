import cases from './cases/unknown-element';
import { ruleTester } from './rule-tester';

ruleTester('unknown-element', cases);
