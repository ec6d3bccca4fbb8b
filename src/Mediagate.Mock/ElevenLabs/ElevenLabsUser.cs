using System.Text.Json.Nodes;

namespace Mediagate.Mock.ElevenLabs;

/// <summary>The <c>GET /v1/user</c> body: every key the official SDK's <c>User</c> and <c>SubscriptionResponse</c> schemas require, for a creator-tier account.</summary>
internal static class ElevenLabsUser
{
    public static JsonObject Body(DateTimeOffset now) => new()
    {
        ["user_id"] = "mock-user",
        ["workspace_id"] = "mock-workspace",
        ["subscription"] = new JsonObject
        {
            ["tier"] = "creator",
            ["character_count"] = 1200,
            ["character_limit"] = 100000,
            ["max_character_limit_extension"] = 0,
            ["max_credit_limit_extension"] = 0,
            ["can_extend_character_limit"] = true,
            ["allowed_to_extend_character_limit"] = true,
            ["next_character_count_reset_unix"] = now.AddDays(30).ToUnixTimeSeconds(),
            ["voice_slots_used"] = 0,
            ["professional_voice_slots_used"] = 0,
            ["professional_voice_slots_used_in_workspace"] = 0,
            ["voice_limit"] = 30,
            ["max_voice_add_edits"] = 95,
            ["voice_add_edit_counter"] = 0,
            ["professional_voice_limit"] = 1,
            ["can_extend_voice_limit"] = false,
            ["can_use_instant_voice_cloning"] = true,
            ["can_use_professional_voice_cloning"] = true,
            ["currency"] = "usd",
            ["current_overage"] = new JsonObject { ["amount"] = "0.00", ["currency"] = "usd" },
            ["status"] = "active",
            ["billing_period"] = "monthly_period",
            ["character_refresh_period"] = "monthly_period",
        },
        ["is_new_user"] = false,
        ["can_use_delayed_payment_methods"] = false,
        ["is_onboarding_completed"] = true,
        ["is_onboarding_checklist_completed"] = true,
        ["first_name"] = "Mock",
        ["is_api_key_hashed"] = true,
        ["xi_api_key_preview"] = "mock****",
        ["created_at"] = 1_700_000_000,
        ["seat_type"] = "workspace_admin",
    };
}
