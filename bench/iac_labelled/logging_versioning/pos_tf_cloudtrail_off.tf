resource "aws_cloudtrail" "main" {
  name                          = "org-trail"
  s3_bucket_name                = "acme-cloudtrail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:us-east-1:123456789012:key/abcd"
  enable_logging                = false
}
