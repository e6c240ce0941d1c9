# expect
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue" "plain" {
  name = "plain"
# expect
  sqs_managed_sse_enabled = false
}
