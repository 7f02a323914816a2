import cases from './cases/publish-to-reserved-response-topic';
import { ruleTester } from './rule-tester';

ruleTester('publish-to-reserved-response-topic', cases);
