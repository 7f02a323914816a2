import cases from './cases/publish-not-scoped-per-identity';
import { ruleTester } from './rule-tester';

ruleTester('publish-not-scoped-per-identity', cases);
