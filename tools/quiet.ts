// virtual-alexa loads aws-sdk v2 for its DynamoDB mock, which prints an end-of-support notice on
// load. The skill itself does not use aws-sdk v2; keep the notice out of the simulator's output.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
