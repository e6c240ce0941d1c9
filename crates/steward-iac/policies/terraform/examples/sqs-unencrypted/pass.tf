resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.queues.arn
}

resource "aws_sqs_queue" "managed" {
  name                    = "managed"
  sqs_managed_sse_enabled = true
}
