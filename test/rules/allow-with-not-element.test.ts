import cases from './cases/allow-with-not-element';
import { ruleTester } from './rule-tester';

ruleTester('allow-with-not-element', cases);
