resource "aws_cloudtrail" "default_on" {
  name           = "audit"
  s3_bucket_name = "trail-bucket"
}

resource "aws_cloudtrail" "explicit" {
  name           = "audit2"
  s3_bucket_name = "trail-bucket"
  enable_logging = true
}

resource "aws_cloudtrail" "from_var" {
  name           = "audit3"
  s3_bucket_name = "trail-bucket"
  enable_logging = var.trail_enabled
}
