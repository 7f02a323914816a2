/** The reproducer scope-literal-region-account: a guest role written for eu-west-1 / 999988887777. */
const LAMP_TEMPLATE = (arn: (rest: string) => string) => `Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: true
  IdentityPoolRoles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles:
        unauthenticated: !GetAtt GuestRole.Arn
  GuestRole:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: g
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [iot:Connect]
                Resource: ${arn('client/${!cognito-identity.amazonaws.com:sub}')}
              - Effect: Allow
                Action: [iot:Publish, iot:UpdateThingShadow]
                Resource: [${arn('topic/$aws/things/lamp-1/shadow/update')}, ${arn('thing/lamp-1')}]
`;
/** Its ARNs written literally in eu-west-1 / 999988887777. */
export const LAMP_LITERAL = LAMP_TEMPLATE((rest) => `'arn:aws:iot:eu-west-1:999988887777:${rest.replace('${!', '${')}'`);
/** Its ARNs built with !Sub from the pseudo parameters. */
export const LAMP_SUBSTITUTED = LAMP_TEMPLATE((rest) => `!Sub 'arn:aws:iot:\${AWS::Region}:\${AWS::AccountId}:${rest}'`);
