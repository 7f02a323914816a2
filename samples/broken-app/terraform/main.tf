# The broken app (samples/broken-app) as a Terraform module: the same mistakes as the JSON policies,
# so the same findings, placed on the lines of this file.

data "aws_caller_identity" "current" {}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "broken_app"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    authenticated   = aws_iam_role.auth.arn
    unauthenticated = aws_iam_role.guest.arn
  }
}

resource "aws_iam_role" "auth" {
  name               = "broken-app-auth"
  assume_role_policy = file("trust.json")

  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "AppDataPlane"
          Effect   = "Allow"
          Action   = ["iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive"]
          Resource = "arn:aws:iot:us-east-1:${data.aws_caller_identity.current.account_id}:*"
        },
        {
          Sid      = "AppAttachesItsOwnPolicy"
          Effect   = "Allow"
          Action   = ["iot:AttachPolicy", "iot:DescribeThing"]
          Resource = "*"
        },
      ]
    })
  }
}

resource "aws_iam_role" "guest" {
  name               = "broken-app-guest"
  assume_role_policy = file("trust.json")
}

data "aws_iam_policy_document" "guest" {
  statement {
    sid     = "GuestEverything"
    actions = ["iot:Connect", "iot:Subscribe", "iot:Receive", "iot:GetThingShadow"]
    resources = [
      "arn:aws:iot:us-east-1:123456789012:client/*",
      "arn:aws:iot:us-east-1:123456789012:topicfilter/$aws/things/*",
      "arn:aws:iot:us-east-1:123456789012:topic/$aws/things/*",
      "arn:aws:iot:us-east-1:123456789012:thing/*",
    ]
  }
}

resource "aws_iam_policy" "guest" {
  name   = "broken-app-guest"
  policy = data.aws_iam_policy_document.guest.json
}

resource "aws_iam_role_policy_attachment" "guest" {
  role       = aws_iam_role.guest.name
  policy_arn = aws_iam_policy.guest.arn
}

resource "aws_iot_policy" "typos" {
  name   = "typos"
  policy = file("${path.module}/../policies/typos.iot.json")
}

resource "aws_iot_policy" "user" {
  name   = "user"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ConnectAnyClientId",
      "Effect": "Allow",
      "Action": "iot:Connect",
      "Resource": "arn:aws:iot:us-east-1:123456789012:client/$${iot:ClientId}"
    },
    {
      "Sid": "PublishOwnTopics",
      "Effect": "Allow",
      "Action": "iot:Publsh",
      "Resource": "arn:aws:iot:us-east-1:123456789012:topic/users/$${cognito-identity.amazonaws.com:sub}/*"
    },
    {
      "Sid": "SubscribeOwnTopics",
      "Effect": "Allow",
      "Action": "iot:Subscribe",
      "Resource": "arn:aws:iot:us-east-1:123456789012:topic/users/$${cognito-identity.amazonaws.com:sub}/*"
    },
    {
      "Sid": "StatusOfEveryone",
      "Effect": "Allow",
      "Action": ["iot:Publish", "iot:Subscribe", "iot:Receive"],
      "Resource": [
        "arn:aws:iot:us-east-1:123456789012:topicfilter/users/+/status",
        "arn:aws:iot:us-east-1:123456789012:topic/users/*/status"
      ]
    },
    {
      "Sid": "ChatForEveryone",
      "Effect": "Allow",
      "Action": ["iot:Publish", "iot:Subscribe", "iot:Receive"],
      "Resource": [
        "arn:aws:iot:us-east-1:123456789012:topic/chat/*",
        "arn:aws:iot:us-east-1:123456789012:topicfilter/chat/*"
      ]
    },
    {
      "Sid": "HideModeratorChannel",
      "Effect": "Deny",
      "Action": "iot:Subscribe",
      "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/chat/moderators/#"
    }
  ]
}
EOT
}
