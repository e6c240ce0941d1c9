resource "aws_kms_key" "logs" {
  description         = "CloudWatch logs"
  enable_key_rotation = false
}
