# The per-user app (samples/per-user-app) as a Terraform module: each signed-in user owns
# users/<identity ID>/..., everyone may read broadcast/..., guests only read broadcasts.

variable "topic_root" {
  default = "users"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  iot_arn = "arn:aws:iot:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}"
}

resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "per_user_app"
  allow_unauthenticated_identities = true
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles = {
    "authenticated"   = aws_iam_role.auth.arn
    "unauthenticated" = aws_iam_role.guest.arn
  }
}

data "aws_iam_policy_document" "trust_authenticated" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.main.id]
    }
  }
}

resource "aws_iam_role" "auth" {
  name               = "per-user-app-auth"
  assume_role_policy = data.aws_iam_policy_document.trust_authenticated.json
}

resource "aws_iam_role" "guest" {
  name               = "per-user-app-guest"
  assume_role_policy = data.aws_iam_policy_document.trust_authenticated.json
}

# The authenticated role delegates the data plane to the IoT policy (statement blocks, &{} variables).
data "aws_iam_policy_document" "auth" {
  statement {
    sid       = "IotDataPlaneDelegatedToIotPolicy"
    actions   = ["iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive"]
    resources = [
      "${local.iot_arn}:client/&{cognito-identity.amazonaws.com:sub}",
      "${local.iot_arn}:topic/*",
      "${local.iot_arn}:topicfilter/*",
    ]
  }
  statement {
    sid       = "RetainOnlyOwnStatus"
    actions   = ["iot:RetainPublish"]
    resources = ["${local.iot_arn}:topic/${var.topic_root}/&{cognito-identity.amazonaws.com:sub}/status"]
  }
}

resource "aws_iam_role_policy" "auth" {
  name   = "iot-data-plane"
  role   = aws_iam_role.auth.id
  policy = data.aws_iam_policy_document.auth.json
}

# Guests: a heredoc JSON document ($${} is a literal ${ in Terraform templates).
resource "aws_iam_role_policy" "guest" {
  name   = "guest-broadcasts"
  role   = aws_iam_role.guest.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "GuestConnectsAsItself",
          "Effect": "Allow",
          "Action": "iot:Connect",
          "Resource": "arn:aws:iot:us-east-1:123456789012:client/$${cognito-identity.amazonaws.com:sub}"
        },
        {
          "Sid": "GuestReadsBroadcasts",
          "Effect": "Allow",
          "Action": "iot:Subscribe",
          "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/broadcast/*"
        },
        {
          "Sid": "GuestReceivesBroadcasts",
          "Effect": "Allow",
          "Action": "iot:Receive",
          "Resource": "arn:aws:iot:us-east-1:123456789012:topic/broadcast/*"
        }
      ]
    }
  EOT
}

# The IoT policy attached to each signed-in identity at run time (jsonencode).
resource "aws_iot_policy" "user" {
  name = "per-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ConnectWithOwnIdentityId"
        Effect   = "Allow"
        Action   = "iot:Connect"
        Resource = "${local.iot_arn}:client/$${cognito-identity.amazonaws.com:sub}"
      },
      {
        Sid      = "PublishInOwnNamespace"
        Effect   = "Allow"
        Action   = "iot:Publish"
        Resource = "${local.iot_arn}:topic/${var.topic_root}/$${cognito-identity.amazonaws.com:sub}/*"
      },
      {
        Sid      = "RetainOnlyStatus"
        Effect   = "Allow"
        Action   = "iot:RetainPublish"
        Resource = "${local.iot_arn}:topic/${var.topic_root}/$${cognito-identity.amazonaws.com:sub}/status"
      },
      {
        Sid    = "SubscribeOwnNamespaceAndBroadcasts"
        Effect = "Allow"
        Action = "iot:Subscribe"
        Resource = [
          "${local.iot_arn}:topicfilter/${var.topic_root}/$${cognito-identity.amazonaws.com:sub}/*",
          "${local.iot_arn}:topicfilter/broadcast/*",
        ]
      },
      {
        Sid    = "ReceiveOwnNamespaceAndBroadcasts"
        Effect = "Allow"
        Action = "iot:Receive"
        Resource = [
          "${local.iot_arn}:topic/${var.topic_root}/$${cognito-identity.amazonaws.com:sub}/*",
          "${local.iot_arn}:topic/broadcast/*",
        ]
      },
      {
        Sid      = "NoOneReceivesAdminBroadcasts"
        Effect   = "Deny"
        Action   = "iot:Receive"
        Resource = "${local.iot_arn}:topic/broadcast/admin/*"
      },
    ]
  })
}
