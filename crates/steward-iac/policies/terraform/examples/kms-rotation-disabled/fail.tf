# expect
resource "aws_kms_key" "data" {
  description = "data"
}

resource "aws_kms_key" "logs" {
# expect
  enable_key_rotation = false
}
