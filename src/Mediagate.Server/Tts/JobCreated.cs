namespace Mediagate.Server.Tts;

/// <summary>The tts/create 201 body with <c>async:true</c>: poll <c>GET /v1/heygen/jobs/{jobid}</c>, or wait for the webhook.</summary>
/// <param name="Jobid">The job's id.</param>
internal sealed record JobCreated(string Jobid);
