import type { IotResourceType } from '../catalog/data-plane';

export interface ArnScope {
  partition: string;
  region: string;
  account: string;
}

export const DEFAULT_SCOPE: ArnScope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

/** `arn:aws:iot:us-east-1:123456789012:topic/a/b` */
export function iotArn(scope: ArnScope, type: Exclude<IotResourceType, 'any'>, name: string): string {
  return `arn:${scope.partition}:iot:${scope.region}:${scope.account}:${type}/${name}`;
}
