/** Names a front end shows before it loads the project model. */

export const CONFIG_FILE_NAME = 'iot-policy-lens.config.json';

/** The formats discovery reads, for "nothing to check" messages. */
export const READ_FORMATS =
  'JSON policies (*.json with "Statement"), scenarios (*.json with "steps" and "identities"), CloudFormation/SAM templates (YAML, JSON or *.template with "Resources", CDK cdk.out/*.template.json, Amplify backend stacks), Serverless services (serverless.yml), Terraform configurations (*.tf, *.tf.json, with terraform.tfvars and *.auto.tfvars) and Terraform plans or states (terraform show -json)';

/** CloudFormation's traditional extension, for templates in YAML or JSON. */
export const TEMPLATE_EXTENSION = '.template';
