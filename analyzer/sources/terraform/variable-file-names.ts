export const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/**
 * The variable definitions files Terraform loads without being told
 * (https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files):
 * terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and *.auto.tfvars.json. Other .tfvars files are
 * read only with -var-file.
 */
export function isAutoVariablesFile(path: string): boolean {
  const name = baseName(path);
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json');
}
